#!/usr/bin/python3
"""Count test cases from meson's testlog.json and print `N passed, N failed`.

TAP tests are counted per case (`ok` / `not ok` lines; `# SKIP` counts as
skipped); a test without TAP output counts as one case by its result. A
binary that crashed or timed out after some cases adds one failure, so a
crash can never hide behind the cases that ran before it.
"""
import json
import re
import sys

TAP_OK = re.compile(r'^ok\b(.*)$')
TAP_NOT_OK = re.compile(r'^not ok\b(.*)$')


def main(path):
    passed = failed = skipped = 0
    failures = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            rec = json.loads(line)
            name = rec.get('name', '?')
            result = rec.get('result', 'FAIL')
            out = rec.get('stdout', rec.get('stdo', '')) or ''
            p = fl = s = 0
            for l in out.splitlines():
                l = l.strip()
                m = TAP_NOT_OK.match(l)
                if m:
                    if '# TODO' in m.group(1):
                        continue
                    fl += 1
                    failures.append(f'{name}: not ok{m.group(1)}')
                    continue
                m = TAP_OK.match(l)
                if m:
                    if re.search(r'#\s*SKIP', m.group(1), re.I):
                        s += 1
                    else:
                        p += 1
            if p + fl + s == 0:
                if result in ('OK', 'EXPECTEDFAIL'):
                    p = 1
                elif result == 'SKIP':
                    s = 1
                else:
                    fl = 1
                    failures.append(f'{name}: {result}')
            elif result not in ('OK', 'EXPECTEDFAIL', 'SKIP') and fl == 0:
                fl += 1
                failures.append(f'{name}: {result} after {p} passing cases')
            passed += p
            failed += fl
            skipped += s
    for f in failures:
        print('FAILED:', f)
    line = f'{passed} passed, {failed} failed'
    if skipped:
        line += f', {skipped} skipped'
    print(line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
