"""Personal data: the register, access and erasure requests, retention rules, the access
log."""
