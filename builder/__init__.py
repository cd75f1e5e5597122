"""The site's build tooling: parse snippet files, execute them once with real torch, render their cells."""
