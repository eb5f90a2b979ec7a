#!/usr/bin/python3
"""Mutation campaign: do the test suites notice a plausible one-line bug?

Debian 12 packages no mutation-testing tool for C (mull, dextool and
universalmutator are not in the archive), so this small runner applies a
curated, versioned list of one-line mutations instead of generating them:
each one is a change a real bug could look like, chosen by hand, with the
reason written beside it (tests/mutate/mutations.tsv).

For every mutation it
  1. replaces the pattern (a literal string that must occur exactly once in
     the file) in a scratch copy of the committed tree (`git archive HEAD`),
  2. rebuilds incrementally (one build directory, reused across mutations
     and across campaigns),
  3. runs the test that killed it in the last campaign (remembered in the
     scratch directory), then, if that passes, the fast suites (core and
     headless) and, for mutations marked `gui`, the gui suite's in-process
     tests (not the xdotool drivers, which take minutes each), stopping at
     the first failing test,
  4. restores the file.
A mutation is KILLED when a test fails (or times out), SURVIVED when all
pass. A pattern that no longer matches is STALE and one that matches more
than once is AMBIGUOUS: both are errors (the list drifted from the code and
must be re-aimed), as is a mutation that no longer compiles. The working
tree is never touched.

Usage: mutate.py [--only ID,...] [--area AREA,...] [--check] [--list FILE]
                 [--scratch DIR] [--min-killed PERCENT]
Exit status: 0 when every mutation applied and every area reached
--min-killed; 1 otherwise; 2 for bad usage.
"""
import argparse
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import time

SUITES_FAST = ['core', 'headless']
# The suite most likely to kill a mutation in each area runs first, so a
# killed mutation costs one short run (meson test --maxfail 1).
FIRST_SUITE = {'core': 'core'}
FIELDS = ['id', 'area', 'judge', 'file', 'pattern', 'replacement', 'why']
AREAS = ['core', 'figures', 'widgets', 'pages', 'cli', 'session']
GUI = True
TAP_NOT_OK = re.compile(r'^not ok\b\s*\d*\s*-?\s*(\S*)')
TAP_OK = re.compile(r'^ok\b\s*\d*\s*-?\s*(\S*)')


class ListError(Exception):
    pass


def read_list(path):
    """Rows of the mutation list; '#' lines and blank lines are comments."""
    rows, seen = [], set()
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            cols = line.split('\t')
            if len(cols) != len(FIELDS):
                raise ListError(f'{path}:{n}: {len(cols)} tab-separated '
                                f'fields, expected {len(FIELDS)} '
                                f'({", ".join(FIELDS)})')
            row = dict(zip(FIELDS, cols))
            row['line'] = n
            if row['id'] in seen:
                raise ListError(f'{path}:{n}: duplicate id {row["id"]}')
            seen.add(row['id'])
            if row['area'] not in AREAS:
                raise ListError(f'{path}:{n}: area {row["area"]!r} is not '
                                f'one of {", ".join(AREAS)}')
            if row['judge'] not in ('fast', 'gui'):
                raise ListError(f'{path}:{n}: judge must be fast or gui')
            if row['pattern'] == row['replacement']:
                raise ListError(f'{path}:{n}: replacement equals pattern')
            rows.append(row)
    return rows


def run(cmd, cwd=None, log=None, check=True):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if log is not None:
        with open(log, 'a', encoding='utf-8') as f:
            f.write(f'$ {" ".join(cmd)}\n{r.stdout}\n')
    if check and r.returncode != 0:
        sys.stderr.write(r.stdout[-4000:])
        raise SystemExit(f'mutate: {" ".join(cmd)} failed '
                         f'(status {r.returncode})')
    return r


def sync_scratch(repo, rev, src):
    """Makes src equal to `git archive rev`, rewriting only the files that
    differ so that the incremental build stays incremental."""
    blob = subprocess.run(['git', 'archive', '--format=tar', rev], cwd=repo,
                          stdout=subprocess.PIPE, check=True).stdout
    want = set()
    changed = 0
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        for m in tar.getmembers():
            if not m.isfile() and not m.issym():
                continue
            want.add(m.name)
            dest = os.path.join(src, m.name)
            if m.issym():
                if os.path.islink(dest) and os.readlink(dest) == m.linkname:
                    continue
                if os.path.lexists(dest):
                    os.remove(dest)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                os.symlink(m.linkname, dest)
                changed += 1
                continue
            data = tar.extractfile(m).read()
            if os.path.isfile(dest) and not os.path.islink(dest):
                with open(dest, 'rb') as f:
                    if f.read() == data:
                        continue
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            tmp = dest + '.mutate-tmp'
            with open(tmp, 'wb') as f:
                f.write(data)
            os.chmod(tmp, m.mode & 0o777)
            os.replace(tmp, dest)
            changed += 1
    for root, dirs, files in os.walk(src):
        for name in files:
            path = os.path.join(root, name)
            if os.path.relpath(path, src) not in want:
                os.remove(path)
                changed += 1
    return changed


def apply(src, row):
    """Returns (original text, None) or (None, error word)."""
    path = os.path.join(src, row['file'])
    if not os.path.isfile(path):
        return None, 'STALE'
    with open(path, encoding='utf-8') as f:
        text = f.read()
    n = text.count(row['pattern'])
    if n == 0:
        return None, 'STALE'
    if n > 1:
        return None, 'AMBIGUOUS'
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text.replace(row['pattern'], row['replacement'], 1))
    return text, None


def restore(src, row, text):
    with open(os.path.join(src, row['file']), 'w', encoding='utf-8') as f:
        f.write(text)


def failing_tests(build):
    """(test, first failing TAP case) for each test that did not pass."""
    out, interrupted = [], []
    path = os.path.join(build, 'meson-logs', 'testlog.json')
    if not os.path.exists(path):
        return out
    with open(path, encoding='utf-8') as f:
        for line in f:
            rec = json.loads(line)
            result = rec.get('result')
            if result in ('OK', 'SKIP', 'EXPECTEDFAIL'):
                continue
            case, last_ok = '', ''
            for l in (rec.get('stdout') or '').splitlines():
                l = l.strip()
                m = TAP_NOT_OK.match(l)
                if m:
                    case = m.group(1)
                    break
                m = TAP_OK.match(l)
                if m:
                    last_ok = m.group(1)
                if l.startswith('Bail out!'):
                    # g_test aborts inside the case after the last `ok`
                    case = f'(after {last_ok or "start"}: {l[10:70]})'
                    break
            if not case and result == 'TIMEOUT':
                case = '(timeout)'
            name = rec.get('name', '?').split(' / ')[-1]
            (interrupted if result == 'INTERRUPT' else out).append(
                (name, case))
    return out or interrupted


# gui-suite tests driven through xdotool take minutes each; the campaign
# uses the suite's in-process tests.
GUI_DRIVER_PREFIX = 'gui-'


def suite_targets(build):
    """({suite: [ninja targets]}, {test: [ninja targets]}, {suite: [test
    names]}), so that a mutation rebuilds only what the tests about to run
    use (linking every executable after a core change is most of a
    mutation's cost)."""
    def introspect(what):
        r = subprocess.run(['meson', 'introspect', what], cwd=build,
                           stdout=subprocess.PIPE, text=True, check=True)
        return json.loads(r.stdout)
    files = {t['id']: t['filename'] for t in introspect('--targets')}
    by_suite, by_test, names = {}, {}, {}
    for t in introspect('--tests'):
        deps = set()
        for d in t['depends']:
            for f in files.get(d, []):
                deps.add(os.path.relpath(f, build))
        by_test[t['name']] = sorted(deps)
        for suite in t['suite']:
            name = suite.split(':')[-1]
            if name == 'gui' and t['name'].startswith(GUI_DRIVER_PREFIX):
                continue
            by_suite.setdefault(name, set()).update(deps)
            names.setdefault(name, []).append(t['name'])
    return ({k: sorted(v) for k, v in by_suite.items()}, by_test, names)


def run_tests(build, targets, selection, log, maxfail):
    """Builds @targets and runs meson test with @selection; returns
    (failures, built)."""
    r = run(['ninja', '-C', build] + targets, log=log, check=False)
    if r.returncode != 0:
        return [], False
    r = run(['meson', 'test', '-C', build, '--no-rebuild',
             '--num-processes', '2', '--maxfail', str(maxfail)] + selection,
            log=log, check=False)
    if r.returncode != 0:
        fails = failing_tests(build)
        return fails or [('meson test', f'status {r.returncode}')], True
    return [], True


def run_suites(build, suites, tables, log, maxfail=1, first=None):
    """Runs @first (a test name, nullable) and then the suites in turn,
    stopping at the first failing test; returns (failures, built) where
    failures is empty when everything passed and built is False when the
    build failed."""
    targets, by_test, names = tables
    if first in by_test:
        fails, built = run_tests(build, by_test[first], [first], log, maxfail)
        if fails or not built:
            return fails, built
    for suite in suites:
        if suite == 'gui':
            selection = names.get('gui', [])
            if not selection:
                continue
        else:
            selection = ['--suite', suite]
        fails, built = run_tests(build, targets.get(suite, []), selection,
                                 log, maxfail)
        if fails or not built:
            return fails, built
    return [], True


def suites_for(row):
    first = FIRST_SUITE.get(row['area'], 'headless')
    suites = [first] + [s for s in SUITES_FAST if s != first]
    if row['judge'] == 'gui' and GUI:
        # the gui suite is the judge named for it: ask it first
        suites.insert(0, 'gui')
    return suites


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap.add_argument('--list', default=os.path.join(here, 'mutations.tsv'))
    ap.add_argument('--only', help='comma-separated mutation ids')
    ap.add_argument('--area', help='comma-separated areas')
    ap.add_argument('--check', action='store_true',
                    help='only check that every pattern applies (no build)')
    ap.add_argument('--rev', default='HEAD', help='commit to mutate')
    ap.add_argument('--scratch',
                    default=os.path.join(repo, 'build', 'mutate'),
                    help='scratch directory (source copy and build)')
    ap.add_argument('--no-baseline', action='store_true',
                    help='skip the unmutated run (only right after a '
                    'campaign verified the same commit green)')
    ap.add_argument('--fast-only', action='store_true',
                    help='skip the gui suite (a quicker, partial verdict)')
    ap.add_argument('--min-killed', type=float, default=90.0,
                    help='percent killed each area must reach')
    args = ap.parse_args()
    global GUI
    GUI = not args.fast_only

    try:
        rows = read_list(args.list)
    except ListError as e:
        print(f'mutate: {e}', file=sys.stderr)
        return 2
    if args.only:
        ids = set(args.only.split(','))
        unknown = ids - {r['id'] for r in rows}
        if unknown:
            print(f'mutate: unknown ids: {", ".join(sorted(unknown))}',
                  file=sys.stderr)
            return 2
        rows = [r for r in rows if r['id'] in ids]
    if args.area:
        areas = set(args.area.split(','))
        rows = [r for r in rows if r['area'] in areas]

    src = os.path.join(args.scratch, 'src')
    build = os.path.join(args.scratch, 'build')
    log = os.path.join(args.scratch, 'mutate.log')
    os.makedirs(src, exist_ok=True)
    commit = subprocess.run(['git', 'rev-parse', '--short', args.rev],
                            cwd=repo, stdout=subprocess.PIPE, text=True,
                            check=True).stdout.strip()
    n = sync_scratch(repo, args.rev, src)
    with open(log, 'w', encoding='utf-8') as f:
        f.write(f'mutation campaign on {commit}\n')
    print(f'mutate: {len(rows)} mutations on {args.rev} ({commit}); scratch '
          f'{args.scratch} ({n} files refreshed); log {log}', flush=True)

    results = []
    if args.check:
        for row in rows:
            text, err = apply(src, row)
            if text is not None:
                restore(src, row, text)
            results.append((row, err or 'APPLIES', '', 0.0))
            if err:
                print(f'{err:9} {row["id"]}: {row["file"]}: pattern not '
                      f'found once: {row["pattern"]}', flush=True)
        bad = [r for r in results if r[1] != 'APPLIES']
        print(f'mutate: {len(rows) - len(bad)} of {len(rows)} patterns '
              f'apply')
        return 1 if bad else 0

    if not os.path.exists(os.path.join(build, 'build.ninja')):
        run(['meson', 'setup', build, src], log=log)
    t0 = time.time()
    run(['meson', 'setup', '--reconfigure', build, src], log=log)
    tables = suite_targets(build)
    need = ['core', 'headless'] + (['gui'] if GUI and any(
        r['judge'] == 'gui' for r in rows) else [])
    if args.no_baseline:
        fails, built = [], True
    else:
        fails, built = run_suites(build, need, tables, log, maxfail=0)
    if not built:
        print('mutate: the unmutated tree does not build', file=sys.stderr)
        return 1
    if fails:
        print('mutate: the unmutated tree fails: ' +
              ', '.join(f'{t} {c}' for t, c in fails), file=sys.stderr)
        return 1
    print(f'mutate: baseline built and green in {time.time() - t0:.0f} s',
          flush=True)

    # The test that killed each mutation last time runs first.
    killers_path = os.path.join(args.scratch, 'killers.json')
    try:
        with open(killers_path, encoding='utf-8') as f:
            killers = json.load(f)
    except (OSError, ValueError):
        killers = {}
    for i, row in enumerate(rows, 1):
        t1 = time.time()
        text, err = apply(src, row)
        detail = ''
        if err is None:
            try:
                fails, built = run_suites(build, suites_for(row), tables,
                                          log, first=killers.get(row['id']))
                if not built:
                    err = 'BUILD-ERROR'
                elif fails:
                    err = 'KILLED'
                    test, case = fails[0]
                    detail = f'by {test} {case}'.rstrip()
                    killers[row['id']] = test
                else:
                    err = 'SURVIVED'
            finally:
                restore(src, row, text)
        else:
            detail = f'{row["file"]}: pattern not found once'
        dt = time.time() - t1
        results.append((row, err, detail, dt))
        with open(killers_path, 'w', encoding='utf-8') as f:
            json.dump(killers, f, indent=1, sort_keys=True)
        print(f'[{i}/{len(rows)}] {row["area"]:8} {row["id"]:28} {err:11} '
              f'{detail} ({dt:.0f} s)', flush=True)

    return report(results, args.min_killed, time.time() - t0)


def report(results, min_killed, elapsed):
    print()
    print('Survivors and errors:')
    any_listed = False
    for row, res, detail, _ in results:
        if res not in ('KILLED',):
            any_listed = True
            print(f'  {res:11} {row["id"]}: {row["file"]}: '
                  f'{row["pattern"]!r} -> {row["replacement"]!r} '
                  f'({row["why"]})')
    if not any_listed:
        print('  none')
    print()
    print(f'{"area":10} {"total":>6} {"killed":>7} {"survived":>9} '
          f'{"errors":>7} {"killed %":>9}')
    ok = True
    totals = [0, 0, 0, 0]
    for area in AREAS:
        rs = [r for r in results if r[0]['area'] == area]
        if not rs:
            continue
        k = sum(1 for r in rs if r[1] == 'KILLED')
        s = sum(1 for r in rs if r[1] == 'SURVIVED')
        e = len(rs) - k - s
        pct = 100.0 * k / len(rs)
        if pct < min_killed or e:
            ok = False
        for j, v in enumerate((len(rs), k, s, e)):
            totals[j] += v
        print(f'{area:10} {len(rs):6} {k:7} {s:9} {e:7} {pct:8.1f}%')
    if totals[0]:
        print(f'{"all":10} {totals[0]:6} {totals[1]:7} {totals[2]:9} '
              f'{totals[3]:7} {100.0 * totals[1] / totals[0]:8.1f}%')
    print(f'mutate: {elapsed / 60:.1f} min; every area must reach '
          f'{min_killed:g} % killed with no errors: '
          f'{"met" if ok else "NOT met"}')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
