#!/usr/bin/env python3
"""Cross-checks spindle-test262 against the command-line path.

Runs the in-process runner (`target/release/spindle-test262 --json`) over the
in-scope suite and ../shared/tools/t262.py (which runs each file through
`spindle run` with the harness prepended) over every Nth file of its full
list, then prints how many of the files both judged (files the in-process
runner skips for an excluded feature are left out) got the same verdict,
and lists the ones that differ. Usage, from the workspace root after
`cargo build --release`:

    python3 spec-tests/agreement.py [--sample N] [-j JOBS]

Exits 1 when fewer than 99% agree (issue #4's bar).
"""
import argparse, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, '..', 'shared')


def in_process(out):
    runner = os.path.join(ROOT, 'target', 'release', 'spindle-test262')
    subprocess.run([runner, '--json', out], cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
    with open(out) as fh:
        return {path: entry['outcome'] for path, entry in json.load(fh).items()}


def command_line(out, sample, jobs):
    tool = os.path.join(SHARED, 'tools', 't262.py')
    subprocess.run([sys.executable, tool, '--engine', 'spindle', '--list', 'full', '--sample', str(sample),
                    '-j', str(jobs), '--out', out], cwd=ROOT, check=False)
    with open(out) as fh:
        return {path: ('pass' if entry['ok'] else 'fail', entry['why']) for path, entry in json.load(fh).items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sample', type=int, default=8, help='cross-check every Nth file of the full list')
    ap.add_argument('-j', type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours = in_process(os.path.join(tmp, 'in-process.json'))
        theirs = command_line(os.path.join(tmp, 'cli.json'), a.sample, a.j)
    judged = [p for p in theirs if ours.get(p) in ('pass', 'fail')]
    differ = [p for p in judged if ours[p] != theirs[p][0]]
    for p in differ:
        print('%s: in-process %s, command line %s %s' % (p, ours[p], theirs[p][0], theirs[p][1][:160].replace('\n', ' ')))
    same = len(judged) - len(differ)
    share = 100.0 * same / max(1, len(judged))
    print('%d of %d files judged alike (%.2f%%)' % (same, len(judged), share))
    return 0 if share >= 99.0 else 1


if __name__ == '__main__':
    sys.exit(main())
