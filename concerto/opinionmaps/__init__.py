"""Module kind 'opinion map' (Polis-like): statements, votes, groups computed by the
opinions engine."""
