"""The framework contract: lots, price schedules, purchase orders validated by the referent
then the CIPC, consumption."""
