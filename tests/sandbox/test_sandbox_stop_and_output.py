"""What the sandbox tells the reader, in Chromium: Stop says what really happened (interrupted, or Python restarted
and the namespace lost) and stops only its own cell; output appears line by line as it is printed and stays after
a Stop; the sandbox's limits (too much output, input(), deep recursion, cells that cannot run, loading) are said
plainly; and a cell that draws random numbers says they differ from torch's."""

from __future__ import annotations

from sandbox_helpers import BOOT_MS, cell, run_cell, set_code, wait_state

LONG_C_CALL = "import numpy as np\nm = np.ones((2500, 2500))\nm = m @ m"  # one numpy call of many seconds


def test_a_restart_after_an_interrupt_that_did_not_land_says_the_namespace_was_lost(open_page: object) -> None:
    page = open_page("playground/", isolate=True).page
    assert page.evaluate("crossOriginIsolated")
    set_code(page, 0, "kept = 1")
    run_cell(page, 0)
    set_code(page, 1, LONG_C_CALL)
    cell(page, 1).locator(".sbx-run").click()
    wait_state(page, 1, ("running",))
    page.wait_for_timeout(300)
    cell(page, 1).locator(".sbx-stop").click()
    wait_state(page, 1, ("stopped", "lost"), 5000)
    assert cell(page, 1).get_attribute("data-state") == "lost"
    assert "was lost" in cell(page, 1).locator(".sbx-output").text_content()
    assert "kept" not in cell(page, 1).locator(".sbx-status").text_content()
    set_code(page, 1, "print('kept' in globals())")
    assert run_cell(page, 1) == "False\n"


def test_stop_on_a_queued_cell_stops_that_cell_only(open_page: object) -> None:
    page = open_page("playground/", isolate=True).page
    run_cell(page, 0)
    set_code(page, 0, "import time\nend = time.time() + 2\nwhile time.time() < end:\n    pass\nprint('first done')")
    set_code(page, 1, "print('second ran')")
    cell(page, 0).locator(".sbx-run").click()
    wait_state(page, 0, ("running",))
    cell(page, 1).locator(".sbx-run").click()
    wait_state(page, 1, ("queued",), 2000)
    cell(page, 1).locator(".sbx-stop").click()
    wait_state(page, 1, ("stopped",), 2000)
    assert cell(page, 1).locator(".sbx-output").text_content() == "Stopped before it started."
    assert cell(page, 0).get_attribute("data-state") == "running"
    wait_state(page, 0, ("done",), 10_000)
    assert cell(page, 0).locator(".sbx-output").text_content() == "first done\n"


RECORD_OUTPUT = """(index) => {
    window.seen = [];
    const output = document.querySelectorAll('.sbx-output')[index];
    new MutationObserver(() => window.seen.push([performance.now(), output.textContent]))
        .observe(output, { childList: true, characterData: true, subtree: true });
}"""


def test_each_line_appears_when_it_is_printed_and_never_cut(open_page: object) -> None:
    page = open_page("playground/").page
    run_cell(page, 0)
    work = "import time\nend = time.time() + 1.5\nwhile time.time() < end:\n    pass"
    set_code(page, 1, f"for i in range(4):\n    print('step', i)\n{work}\nprint('end')")
    page.evaluate(RECORD_OUTPUT, 1)
    run_cell(page, 1)
    seen = page.evaluate("window.seen")
    finished = seen[-1][0]
    lines = "step 0\nstep 1\nstep 2\nstep 3\n"
    first_full = next(at for at, text in seen if text.startswith(lines))
    assert finished - first_full > 1000, "the lines printed before a second of work came only at its end"
    assert all(text.endswith("\n") for _, text in seen if text), "a line was shown cut"


def test_what_was_printed_stays_after_a_stop_that_restarts(open_page: object) -> None:
    page = open_page("playground/", isolate=False).page
    run_cell(page, 0)
    set_code(page, 1, "print('before the loop')\nwhile True:\n    pass")
    cell(page, 1).locator(".sbx-run").click()
    page.wait_for_function("document.querySelectorAll('.sbx-output')[1].textContent.includes('before the loop')")
    cell(page, 1).locator(".sbx-stop").click()
    wait_state(page, 1, ("lost",), 3000)
    assert cell(page, 1).locator(".sbx-output").text_content().startswith("before the loop\n")


def test_a_flood_of_output_says_at_the_top_that_it_was_cut(open_page: object) -> None:
    page = open_page("playground/").page
    run_cell(page, 0)
    set_code(page, 1, "while True:\n    print('x' * 999)")
    run_cell(page, 1, timeout=30_000)
    notice = cell(page, 1).locator(".sbx-notices .sbx-notice-output")
    assert "Output cut" in notice.text_content()
    above = page.evaluate("""() => {
        const c = document.querySelectorAll('.sbx-cell')[1];
        const n = c.querySelector('.sbx-notice-output'), o = c.querySelector('.sbx-output');
        return n.getBoundingClientRect().bottom <= o.getBoundingClientRect().top;
    }""")
    assert above


def test_input_says_it_is_not_available(open_page: object) -> None:
    page = open_page("playground/").page
    set_code(page, 0, "name = input('Your name? ')")
    run_cell(page, 0)
    assert "cannot read from the keyboard" in cell(page, 0).locator(".sbx-notices").text_content()
    assert cell(page, 0).get_attribute("data-state") == "error"


def test_deep_recursion_says_the_stack_overflowed(open_page: object) -> None:
    page = open_page("playground/").page
    set_code(page, 0, "def down(n):\n    return down(n + 1)\ndown(0)")
    run_cell(page, 0)
    assert "Stack overflow" in cell(page, 0).locator(".sbx-notices").text_content()
    set_code(page, 0, "print('still here')")
    assert run_cell(page, 0) == "still here\n"


def test_a_cell_that_cannot_run_says_why_in_the_pages_language(open_page: object) -> None:
    page = open_page("lesson/", isolate=False).page  # a Korean page; its second cell needs CUDA
    note = page.locator('.snippet[data-sandbox="no"] .sbx-not-runnable')
    note.wait_for()
    assert note.text_content().startswith("이 셀은 브라우저에서는 실행되지 않고")
    assert "needs CUDA" in note.text_content()


def test_running_is_not_shown_while_python_is_still_loading(open_page: object) -> None:
    page = open_page("lesson/", isolate=False).page
    page.locator(".sbx-open").first.click()  # the file's first cell: nothing to run before it
    page.locator(".sbx-cell .sbx-status").wait_for()
    page.evaluate("""() => {
        window.statuses = [];
        const status = document.querySelector('.sbx-cell .sbx-status');
        const record = () => window.statuses.push(status.textContent);
        record();
        new MutationObserver(record).observe(status, { childList: true, characterData: true, subtree: true });
    }""")
    page.locator(".sbx-run").first.click()
    wait_state(page, 0, ("done",), BOOT_MS)
    statuses = page.evaluate("window.statuses")
    loading = [i for i, s in enumerate(statuses) if "불러오는 중" in s]
    running = [i for i, s in enumerate(statuses) if s.startswith("실행 중")]
    assert loading, statuses
    assert not running or min(running) > max(loading), statuses


def test_random_numbers_are_torchs_and_notices_say_where_numbers_may_differ(open_page: object) -> None:
    import torch as real

    real.manual_seed(0)
    page = open_page("playground/").page
    set_code(page, 0, "import torch\ntorch.manual_seed(0)\nprint(torch.rand(2))")
    # npgrad draws torch's numbers, so there is nothing to warn about
    assert str(real.rand(2)) in run_cell(page, 0)
    assert cell(page, 0).locator(".sbx-notice-random").count() == 0
    # an engine that does not claim torch's generator gets the notice on every cell that draws
    # (a stand-in engine: no claim, and a generator state that every draw changes)
    set_code(
        page,
        1,
        "import itertools\ntorch.SAME_RANDOM_AS_TORCH = False\ntorch.get_rng_state = itertools.count().__next__",
    )
    run_cell(page, 1)
    assert cell(page, 1).locator(".sbx-notice-random").count() == 0
    run_cell(page, 0)
    assert "random number generator is not torch's" in cell(page, 0).locator(".sbx-notice-random").text_content()
    # an op whose last digit may differ from torch's (npgrad/fidelity.py) is named; one that matches is not
    set_code(page, 0, "x = torch.tensor([1.0, 2.0])\nprint(torch.exp(x))\nx.sin() + x ** 0.5")
    run_cell(page, 0)
    notice = cell(page, 0).locator(".sbx-notice-inexact").text_content()
    assert "torch.sin (float32), torch.sqrt (float32)" in notice
    assert "exp" not in notice
    set_code(page, 0, "print(torch.exp(x))")
    run_cell(page, 0)
    assert cell(page, 0).locator(".sbx-notice-inexact").count() == 0


def test_runs_are_counted_per_reader_run_and_tracebacks_name_that_number(open_page: object) -> None:
    page = open_page("playground/").page
    run_cell(page, 0)
    assert cell(page, 0).locator(".sbx-count").text_content() == "[1]"
    set_code(page, 1, "1 / 0")
    output = run_cell(page, 1)
    assert cell(page, 1).locator(".sbx-count").text_content() == "[2]"
    # the error line as torch's pane shows it, the whole traceback below it
    assert output == "ZeroDivisionError: division by zero\n"
    traceback = cell(page, 1).locator(".sbx-traceback")
    traceback.locator("summary").click()
    assert 'File "<cell 2>", line 1' in traceback.locator("pre").text_content()
