"""Links: found in a post's HTML, traced to its source, resolved inside the site or over HTTP."""
