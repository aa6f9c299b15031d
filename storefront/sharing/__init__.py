"""Pages that share well and are found: OpenGraph, JSON-LD, sitemap.xml, robots.txt."""
