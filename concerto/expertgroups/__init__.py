"""Expert groups and their recommendations to the government, followed publicly."""
