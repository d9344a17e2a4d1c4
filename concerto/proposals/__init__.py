"""Module kind 'proposals': proposals, supports, arguments for and against, merging."""
