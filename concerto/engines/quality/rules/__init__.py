"""Built-in rule kinds; importing this package registers them all."""

from concerto.engines.quality.rules import follow_up, framing, information, timing

__all__ = ["follow_up", "framing", "information", "timing"]
