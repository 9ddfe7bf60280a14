"""The HTML reports: figures, dashboards, widgets, notebook blocks and rendering."""
