"""python -m benchmarks [SECTION ...] [--book]

Runs the sections named (default: accuracy speed explorer memory weight playground; --book adds book and suite, the
slow ones), prints their tables, and writes results/latest.json and results/latest.md. Sections not run
keep the figures of the previous run, each with the date it was measured on.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
from pathlib import Path

from actlib.display import spans

from . import accuracy, book, explorer, machine, memory, pair, playground, render_machine, speed, weight

RESULTS = Path(__file__).resolve().parent / "results"
SECTIONS = {  # name: (run, render, heading)
    "accuracy": (accuracy.run, accuracy.render, "精度 · Accuracy"),
    "speed": (speed.run, speed.render, "速度 · Speed"),
    "explorer": (explorer.run, explorer.render, "探索器 · Explorer"),
    "memory": (memory.run, memory.render, "内存 · Memory"),
    "weight": (weight.run, weight.render, "页面重量 · Page weight"),
    "playground": (playground.run, playground.render, "训练场 · Playground"),
    "book": (book.run, book.render, "构建整本书 · Building the book"),
    "suite": (book.run_suite, book.render_suite, "运行全部测试 · Running every test"),
}
DEFAULT = ["accuracy", "speed", "explorer", "memory", "weight", "playground"]


def encode(obj):
    """JSON-ready: ±inf as the strings "inf" / "-inf" (strict JSON has no infinity)."""
    if isinstance(obj, float) and math.isinf(obj):
        return "inf" if obj > 0 else "-inf"
    if isinstance(obj, dict):
        return {k: encode(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [encode(v) for v in obj]
    return obj


def decode(obj):
    if obj in ("inf", "-inf"):
        return float(obj)
    if isinstance(obj, dict):
        return {k: decode(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [decode(v) for v in obj]
    return obj


def load(path: Path) -> dict:
    return decode(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else {"sections": {}}


def markdown(results: dict) -> str:
    """The whole results file; appendix/benchmarks.md includes the parts between <!-- name --> markers."""
    parts = ["<!-- Written by `python -m benchmarks` from latest.json; edit the benchmarks, not this file. -->",
             "# 基准测试结果 · Benchmark results", "## 测量环境 · Machine",
             "<!-- machine -->", render_machine(results["machine"]), "<!-- /machine -->"]
    for name, (_, render, heading) in SECTIONS.items():
        parts += [f"## {heading}", f"<!-- {name} -->"]
        section = results["sections"].get(name)
        if section is None:
            parts.append(pair(f"尚未测量：运行 `python -m benchmarks {name}`。",
                              f"Not measured yet: run `python -m benchmarks {name}`."))
        else:
            parts.append(spans(f"*测量日期：{section['date']}；1 分钟平均负载：{section['load']:.2f}*",
                               f"*Measured on {section['date']}; 1-minute load average: {section['load']:.2f}*"))
            parts.append(render(section["figures"]))
        parts.append(f"<!-- /{name} -->")
    return "\n\n".join(parts) + "\n"


def save(results: dict) -> None:
    """Write both files through *.tmp files and renames, so a reader never sees half a file."""
    RESULTS.mkdir(exist_ok=True)
    texts = {"latest.json": json.dumps(encode(results), ensure_ascii=False, indent=1) + "\n",
             "latest.md": markdown(results)}
    for name, text in texts.items():
        tmp = RESULTS / f"{name}.tmp"
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(RESULTS / name)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[1])
    parser.add_argument("sections", nargs="*", metavar="SECTION", help=f"any of {', '.join(SECTIONS)}")
    parser.add_argument("--book", action="store_true", help="also build the book and run `make test` (slow)")
    args = parser.parse_args(argv)
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    chosen = (args.sections or DEFAULT) + (["book", "suite"] if args.book else [])

    results = load(RESULTS / "latest.json")
    results["machine"] = machine()
    print(render_machine(results["machine"]))
    for name in dict.fromkeys(chosen):
        run, render, heading = SECTIONS[name]
        print(f"\n## {heading}\n", flush=True)
        load_average = os.getloadavg()[0]
        figures = run()
        results["sections"][name] = {"date": datetime.date.today().isoformat(), "load": load_average,
                                     "figures": figures}
        print(render(figures), flush=True)
        save(results)  # after every section, so a long run that stops keeps what it measured
    print(f"\nwrote {RESULTS / 'latest.json'} and {RESULTS / 'latest.md'}")


if __name__ == "__main__":
    main()
