"""Configuration: themes, presets and the YAML validator they share."""
