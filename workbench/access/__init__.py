"""Analysts' data access: the tables exported to Excel or CSV, filtered like the reports."""
