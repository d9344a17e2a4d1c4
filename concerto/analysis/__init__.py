"""Analysis of a module's contributions (text-mining engine, curation by staff) and its
published synthesis, laid out by question or article."""
