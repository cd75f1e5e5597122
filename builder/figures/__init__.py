"""Figures drawn from real torch at build time.

A page line `{{ figure KIND file.py#cell ITEM; ITEM }}` asks for a figure of the state a cell left behind. The
worker evaluates the items right after the cell ran, in the same run of the file (`extract`), and keeps only plain
data (shapes, strides, which elements, graph nodes), cached with the file's outputs; the build draws SVG from those
data (`draw_*`), in the page's language (builder/translations.py).
"""
