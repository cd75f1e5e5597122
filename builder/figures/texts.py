"""Every word a figure shows or says, per language: labels drawn in the SVG, its caption, its text alternative.

{placeholders} are filled in by the drawing modules; a new language adds one entry with the same keys.
"""

from __future__ import annotations

TEXTS = {
    "ko": {
        "storage.title": "저장소와 스트라이드: {items}",
        "storage.storage": "저장소 {letter}",
        "storage.contiguous": "연속",
        "storage.not_contiguous": "비연속",
        "storage.facts": "모양 {shape} · 스트라이드 {stride} · 오프셋 {offset}",
        "storage.desc": "{label}: 모양 {shape}, 스트라이드 {stride}, 오프셋 {offset}, {contiguous}, "
        "저장소 {letter}의 칸 {positions}.",
        "storage.caption": "위: 원소가 실제로 놓인 저장소(칸 번호 0부터). 아래: 모양대로 본 격자, 작은 숫자는 "
        "그 원소의 저장소 칸 번호. 같은 글자의 저장소는 같은 메모리입니다.",
        "storage.step": "+{n}",
        "broadcast.title": "브로드캐스팅: {items}",
        "broadcast.result": "결과",
        "broadcast.fails": "브로드캐스트 불가",
        "broadcast.desc_ok": "오른쪽 끝을 맞춘 모양 {shapes}의 결과 모양은 {result}입니다.{stretched}",
        "broadcast.desc_stretch": " 크기 1인 차원은 늘어납니다: {dims}.",
        "broadcast.desc_fail": "오른쪽 끝을 맞춘 모양 {shapes}는 브로드캐스트되지 않습니다: 차원 {dim}의 크기 "
        "{sizes}가 다르고 어느 쪽도 1이 아닙니다.",
        "broadcast.caption": "모양을 오른쪽 끝에 맞춥니다. 점선 칸: 없는 차원(1로 셈). 1→n: 크기 1인 차원이 "
        "n으로 늘어남. 붉은 칸: 맞지 않는 차원.",
        "index.title": "인덱싱이 고르는 원소: {items}",
        "index.view": "뷰: 저장소 공유",
        "index.copy": "복사본: 새 저장소",
        "index.desc": "{label}: {base}의 원소 {selected}를 골라 모양 {shape}, {kind}.",
        "index.caption": "왼쪽 격자에서 색칠한 칸이 고른 원소, 오른쪽이 결과입니다.",
        "shape.title": "모양: {items}",
        "shape.new": "새 차원",
        "shape.removed": "없앤 차원 {dims}",
        "shape.desc": "{label}: 모양 {shape}{change}.",
        "shape.desc_new": ", {dims}번 차원에 크기 1이 새로 생김",
        "shape.desc_removed": ", 크기 1인 차원 {dims}를 없앰",
        "shape.caption": "칸 위의 작은 숫자는 차원 번호입니다. 색칠한 칸이 새로 생긴 크기 1 차원입니다.",
        "matmul.title": "행렬 곱 @의 모양: {items}",
        "matmul.scalar": "스칼라 ()",
        "matmul.fails": "오류: 크기가 맞지 않음",
        "matmul.desc": "{label}: {left} @ {right} → {result}.",
        "matmul.caption": "색칠한 차원끼리 곱해서 더하므로 크기가 같아야 하고, 결과에서 사라집니다. 점선 칸은 "
        "배치 차원입니다(브로드캐스트됨).",
        "graph.title": "자동 미분 그래프: {items}",
        "graph.grad": "grad {values}",
        "graph.desc": "{label}의 grad_fn 그래프: 노드 {nodes}. 리프: {leaves}.",
        "graph.leaf": "{label} 모양 {shape}{grad}",
        "graph.leaf_grad": ", grad {grad}",
        "graph.caption": "화살표는 계산 방향(입력 → 결과)입니다. backward()는 반대로, 위에서 리프 쪽으로 "
        "grad_fn의 next_functions를 따라 내려갑니다. 둥근 칸: 텐서, 네모 칸: torch의 역전파 노드.",
    },
    "en": {
        "storage.title": "Storage and strides: {items}",
        "storage.storage": "storage {letter}",
        "storage.contiguous": "contiguous",
        "storage.not_contiguous": "not contiguous",
        "storage.facts": "shape {shape} · stride {stride} · offset {offset}",
        "storage.desc": "{label}: shape {shape}, stride {stride}, offset {offset}, {contiguous}, "
        "cells {positions} of storage {letter}.",
        "storage.caption": "Top: the storage where the elements really are (cells numbered from 0). Below: the "
        "grid the shape shows; the small number is the element's storage cell. Storages with the same letter are "
        "the same memory.",
        "storage.step": "+{n}",
        "broadcast.title": "Broadcasting: {items}",
        "broadcast.result": "result",
        "broadcast.fails": "cannot broadcast",
        "broadcast.desc_ok": "The shapes {shapes}, aligned from the right, broadcast to {result}.{stretched}",
        "broadcast.desc_stretch": " Size-1 dimensions are stretched: {dims}.",
        "broadcast.desc_fail": "The shapes {shapes}, aligned from the right, do not broadcast: in dimension {dim} "
        "the sizes {sizes} differ and neither is 1.",
        "broadcast.caption": "Shapes aligned from the right. Dashed: a missing dimension (counts as 1). 1→n: a "
        "size-1 dimension stretched to n. Red: the dimension that clashes.",
        "index.title": "Which elements an index selects: {items}",
        "index.view": "view: shares storage",
        "index.copy": "copy: new storage",
        "index.desc": "{label} selects elements {selected} of {base}, giving shape {shape}, a {kind}.",
        "index.caption": "Left: the selected elements, shaded. Right: the result.",
        "shape.title": "Shapes: {items}",
        "shape.new": "new",
        "shape.removed": "removed dim {dims}",
        "shape.desc": "{label}: shape {shape}{change}.",
        "shape.desc_new": ", a new dimension of size 1 at {dims}",
        "shape.desc_removed": ", size-1 dimension {dims} removed",
        "shape.caption": "The small numbers are dimension indices. Shaded: a new dimension of size 1.",
        "matmul.title": "Shapes of the matrix product @: {items}",
        "matmul.scalar": "scalar ()",
        "matmul.fails": "error: sizes do not match",
        "matmul.desc": "{label}: {left} @ {right} → {result}.",
        "matmul.caption": "The shaded dimensions are multiplied and summed, so their sizes must match, and they "
        "vanish from the result. Dashed: batch dimensions (broadcast).",
        "graph.title": "Autograd graph: {items}",
        "graph.grad": "grad {values}",
        "graph.desc": "The grad_fn graph of {label}: nodes {nodes}. Leaves: {leaves}.",
        "graph.leaf": "{label} of shape {shape}{grad}",
        "graph.leaf_grad": ", grad {grad}",
        "graph.caption": "Arrows point the way the values were computed (input → result). backward() walks them "
        "the other way, from the top down to the leaves along grad_fn's next_functions. Rounded: tensors; "
        "square: torch's backward nodes.",
    },
}


def words(language: str) -> dict[str, str]:
    if language not in TEXTS:
        raise ValueError(f"no figure texts for language {language!r}; add them to builder/figures/texts.py")
    return TEXTS[language]
