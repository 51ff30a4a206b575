"""HTML the macros emit. Every text from a data file is escaped here, at one place per kind of output."""
