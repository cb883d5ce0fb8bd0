"""The people workbook: its columns, how it is read safely, and how it is written."""
