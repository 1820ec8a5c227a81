"""Clean: paragraph HTML to the text a reader sees, its links and the bold lead; a batch as columns."""
