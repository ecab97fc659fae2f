"""LinkedIn's whole data export (issue 17): the files beside Connections.csv, read into pure records.

`model` holds the records, `table` reads one CSV by column name, `messages` and `network` read each kind of
file, `members` tells a member's kind from its name, and `reader` reads a zip (or both halves, or the
unzipped folder) whole. Nothing here touches the database.
"""
