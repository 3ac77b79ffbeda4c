#!/usr/bin/env python3
"""A plugin JVM started alone (no gateway), per variant of JVM and options: spawn -> its socket file (listening),
spawn -> its "validation path warmed up ... in N ms" line, N itself, and the JVM's CPU time when that line appeared.

Needs a deployable that logs that line: the validation warm-up beside the listening server, an experiment not in this
tree (docs/BENCHMARKS.md 9b). Variants run alternating (forward, then backward), -Xmx256m each; the Kong server gets --socket, the APISIX
runner APISIX_LISTEN_ADDRESS. Usage:
  benchmarks/plugin-jvm-start.py <kong|apisix> <jar> <rounds> <name,/path/to/java[,jvm-option...]>...
"""
import os, sys, time, subprocess, signal, re, tempfile, statistics, json

CLK = os.sysconf('SC_CLK_TCK')

def cpu_ms(pid):
    with open(f'/proc/{pid}/stat') as f:
        parts = f.read().rsplit(')', 1)[1].split()
    return (int(parts[11]) + int(parts[12])) * 1000 // CLK

def start(kind, java, opts, jar, work):
    sock = os.path.join(work, 's.sock')
    log = open(os.path.join(work, 'out.log'), 'wb')
    env = dict(os.environ)
    if kind == 'kong':
        cmd = [java, '-Xmx256m', *opts, '-jar', jar, '--socket', sock]
    else:
        env['APISIX_LISTEN_ADDRESS'] = 'unix:' + sock
        env['APISIX_CONF_EXPIRE_TIME'] = '3600'
        cmd = [java, '-Xmx256m', *opts, '-jar', jar]
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    return p, t0, sock, os.path.join(work, 'out.log')

def measure(kind, java, opts, jar):
    work = tempfile.mkdtemp(prefix='warm2-aot-')
    p, t0, sock, logf = start(kind, java, opts, jar, work)
    listening = warmed = None
    warm_ms = None
    deadline = t0 + 120
    while time.monotonic() < deadline:
        now = time.monotonic()
        if listening is None and os.path.exists(sock):
            listening = now - t0
        if listening is not None:
            with open(logf, errors='replace') as f:
                m = re.search(r'validation path warmed up \(.*\) in (\d+) ms', f.read())
            if m:
                warmed = now - t0
                warm_ms = int(m.group(1))
                cpu = cpu_ms(p.pid)
                break
        time.sleep(0.005)
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(20)
    except subprocess.TimeoutExpired:
        p.kill(); p.wait()
    return dict(listening=round(listening * 1000) if listening else None,
                warmed=round(warmed * 1000) if warmed else None, warm_ms=warm_ms, cpu=cpu if warmed else None)

def main():
    kind, jar, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    variants = []
    for v in sys.argv[4:]:
        name, java, *opts = v.split(',')
        variants.append((name, java, opts))
    results = {name: [] for name, _, _ in variants}
    for r in range(rounds):
        order = variants if r % 2 == 0 else list(reversed(variants))
        for name, java, opts in order:
            m = measure(kind, java, opts, jar)
            results[name].append(m)
            print(f'{kind} round {r+1} {name:12s} {m} load {open("/proc/loadavg").read().split()[:3]}', flush=True)
    print(f'\n{kind}: median (min-max) over {rounds} runs')
    for name in results:
        row = [name]
        for k in ('listening', 'warm_ms', 'warmed', 'cpu'):
            xs = [m[k] for m in results[name] if m[k] is not None]
            row.append(f'{k} {statistics.median(xs):.0f} ({min(xs)}-{max(xs)})' if xs else f'{k} -')
        print('  ' + ' | '.join(row))

main()
