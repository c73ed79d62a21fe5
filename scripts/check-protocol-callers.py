#!/usr/bin/env python3
"""check-protocol-callers.py: every public function of src/protocol/ is used by the
product: called from outside src/protocol/ (app/, web/, cli/, ...), or called by a
protocol function that is itself used (a rule built from smaller rules). Tests do not
count: a rule only tests call is a rule nobody enforces.

scripts/protocol-pending.txt lists, one per line with what it waits for, the rules
written ahead of the feature that will call them. The check fails when a public
function is unused and not listed, when a listed function has become used (take it
off the list), and when a listed name is not a public protocol function. So the list
only shrinks, and a new rule nobody calls fails CI the day it is written.

Usage: check-protocol-callers.py [--list] [--self-test]
  --list       prints the unused functions only
  --self-test  proves on a small made-up tree that each failure is caught"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')


def set_root(root):
    global SRC, PROTO, PENDING
    SRC = os.path.join(root, 'src')
    PROTO = os.path.join(SRC, 'protocol')
    PENDING = os.path.join(root, 'scripts', 'protocol-pending.txt')


set_root(ROOT)

DECL = re.compile(r'^[A-Za-z_][\w \*]*?\b([a-z_][a-z0-9_]*)\s*\(', re.M)
IDENT = re.compile(r'\b[a-z_][a-z0-9_]*\b')


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    text = re.sub(r'//[^\n]*', '', text)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)


def read(p):
    return strip_comments(open(p, encoding='utf-8', errors='replace').read())


def top_level_blocks(text):
    """(name, body) of each top-level definition: a function, or a table initialiser."""
    out, depth, start, name = [], 0, 0, None
    for i, ch in enumerate(text):
        if ch == '{':
            if depth == 0:
                head = text[start:i]
                m = re.findall(r'\b([a-z_][a-z0-9_]*)\s*(?:\(|\[|=)', head)
                name = m[0] if m else None
                body_start = i
            depth += 1
        elif ch == '}':
            depth -= 1
            if depth == 0:
                out.append((name, text[body_start:i + 1]))
                start = i + 1
        elif ch == ';' and depth == 0:
            start = i + 1
    return out


def public_functions():
    """{name: header} of every function declared at the top level of a protocol header."""
    out = {}
    for h in sorted(os.listdir(PROTO)):
        if not h.endswith('.h'):
            continue
        depth = 0
        for line in read(os.path.join(PROTO, h)).split('\n'):
            if depth == 0 and not line.startswith(('#', ' ', '\t', 'typedef', 'struct', 'enum',
                                                   'union', '}')):
                m = DECL.match(line)
                if m:
                    out[m.group(1)] = h
            depth += line.count('{') - line.count('}')
    return out


def used_functions(public):
    """The protocol functions (public or static) reachable from code outside protocol/."""
    roots, edges = set(), {}
    for d, _, files in os.walk(SRC):
        for f in files:
            if not f.endswith('.c'):
                continue
            p = os.path.join(d, f)
            text = read(p)
            if os.path.dirname(p) == PROTO:
                for name, body in top_level_blocks(text):
                    if name:
                        edges.setdefault(name, set()).update(IDENT.findall(body))
            else:
                roots.update(n for n in IDENT.findall(text) if n in public)
    used, todo = set(), list(roots)
    while todo:
        n = todo.pop()
        if n in used:
            continue
        used.add(n)
        todo.extend(m for m in edges.get(n, ()) if m not in used)
    return used


def pending():
    out = {}
    if os.path.exists(PENDING):
        for i, line in enumerate(open(PENDING, encoding='utf-8'), 1):
            line = line.strip()
            if line and not line.startswith('#'):
                out[line.split()[0]] = i
    return out


def self_test():
    """A made-up tree: one rule used from app/, one used through another rule, one used
    only by its own file's unused rule, one pending. Each breach must fail."""
    import tempfile
    files = {
        'src/protocol/r.h': 'int r_used(int a);\nint r_inner(int a);\nint r_dead(int a);\n'
                            'int r_wait(int a);\n',
        'src/protocol/r.c': 'int r_inner(int a)\n{\n\treturn a;\n}\n'
                            'int r_used(int a)\n{\n\treturn r_inner(a);\n}\n'
                            'int r_dead(int a)\n{\n\treturn a + 1;\n}\n'
                            'int r_wait(int a)\n{\n\treturn a;\n}\n',
        'src/app/a.c': 'int a(void)\n{\n\treturn r_used(1); /* r_dead(2) in a comment */\n}\n',
        'scripts/protocol-pending.txt': 'r_wait  a feature\n',
    }
    cases = [({}, 1, 'an unused rule'),
             ({'scripts/protocol-pending.txt': 'r_wait x\nr_dead x\n'}, 0, 'all listed'),
             ({'scripts/protocol-pending.txt': 'r_wait x\nr_dead x\nr_used x\n'}, 1,
              'a listed rule that is used'),
             ({'scripts/protocol-pending.txt': 'r_wait x\nr_dead x\nr_gone x\n'}, 1,
              'a listed name that is no rule')]
    ok = True
    for change, want, what in cases:
        with tempfile.TemporaryDirectory() as d:
            for name, text in {**files, **change}.items():
                os.makedirs(os.path.dirname(os.path.join(d, name)), exist_ok=True)
                open(os.path.join(d, name), 'w').write(text)
            set_root(d)
            got = check(quiet=True)
        if got != want:
            print('check-protocol-callers self-test: %s: exit %d, want %d' % (what, got, want))
            ok = False
    set_root(ROOT)
    print('check-protocol-callers self-test: %s' % ('passed' if ok else 'FAILED'))
    return 0 if ok else 1


def main():
    if '--self-test' in sys.argv[1:]:
        return self_test()
    return check()


def check(quiet=False):
    public = public_functions()
    used = used_functions(public)
    unused = [n for n in public if n not in used]
    if '--list' in sys.argv[1:]:
        for n in unused:
            print('%s (src/protocol/%s)' % (n, public[n]))
        return 0
    wait = pending()
    bad = ['%s (src/protocol/%s): no caller outside tests; call it where the rule applies, '
           'make it static, or list it in scripts/protocol-pending.txt with what it waits for'
           % (n, public[n]) for n in unused if n not in wait]
    bad += ['%s (scripts/protocol-pending.txt:%d) is called now: take it off the list'
            % (n, line) for n, line in wait.items() if n in used]
    bad += ['%s (scripts/protocol-pending.txt:%d) is not a public protocol function'
            % (n, line) for n, line in wait.items() if n not in public]
    for b in bad if not quiet else ():
        print('check-protocol-callers: ' + b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
