#!/usr/bin/env python3
"""check-protocol-callers.py: every public function of src/protocol/ has a caller in
src/ outside the file that defines it (a rule written once, and used). A function only
its own file calls should be static; one that only tests call is a rule nobody
enforces. Prints the offenders and exits 1 if there are any."""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
SRC = os.path.join(ROOT, 'src')
PROTO = os.path.join(SRC, 'protocol')

DECL = re.compile(r'^[A-Za-z_][\w \*]*?\b([a-z_][a-z0-9_]*)\s*\(', re.M)


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    return re.sub(r'//[^\n]*', '', text)


def public_functions():
    """(name, header) of every function declared at the top level of a protocol header."""
    out = []
    for h in sorted(os.listdir(PROTO)):
        if not h.endswith('.h'):
            continue
        text = strip_comments(open(os.path.join(PROTO, h), encoding='utf-8').read())
        depth = 0
        for line in text.split('\n'):
            if depth == 0 and not line.startswith(('#', ' ', '\t', 'typedef', 'struct', 'enum',
                                                   'union', '}')):
                m = DECL.match(line)
                if m:
                    out.append((m.group(1), h))
            depth += line.count('{') - line.count('}')
    return out


def sources():
    for d, _, files in os.walk(SRC):
        for f in files:
            if f.endswith(('.c', '.h')):
                p = os.path.join(d, f)
                yield p, strip_comments(open(p, encoding='utf-8', errors='replace').read())


def main():
    texts = list(sources())
    bad = []
    for name, header in public_functions():
        own = os.path.join(PROTO, header[:-2] + '.c')
        word = re.compile(r'\b' + re.escape(name) + r'\b')
        callers = [p for p, t in texts
                   if p != own and not p.endswith('.h') and word.search(t)]
        if not callers:
            bad.append('%s (src/protocol/%s)' % (name, header))
    if bad:
        print('check-protocol-callers: public protocol functions with no caller outside '
              'their own file (call them where the rule applies, or make them static):')
        for b in bad:
            print('  ' + b)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
