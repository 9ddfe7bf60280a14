"""Entity mentions linked to people, countries and organisations."""
