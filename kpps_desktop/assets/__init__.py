"""Files the running app reads, loaded with importlib.resources."""
