"""spaCy: the model, phrase matching and the syntax helpers the extractors share."""
