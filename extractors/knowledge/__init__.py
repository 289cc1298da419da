"""Knowledge every stage shares (numerals, dates): one parser each, used by readers, field
extraction and checks alike, so they never disagree about what the text says."""
