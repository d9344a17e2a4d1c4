"""Who was heard: profile questions from a State-wide catalogue, the representativeness
page (tables, map, raked results, who says what), alerts."""
