"""The agents' community: a directory of agents, events, and questions answered by peers."""
