#!/usr/bin/env python3
"""A plugin JVM started alone (no gateway), per variant of command line: spawn -> its socket file (listening), and the
process's CPU time then. Variants run alternating (forward, then backward), the same jar and -Xmx256m for each; the
Kong server gets --socket, the APISIX runner APISIX_LISTEN_ADDRESS. A variant is a name and the words before
`-jar JAR` (the java launcher, or dist/jwkgate-cds with its options and the launcher, plus JVM options), joined by
commas. Prints the median and range per variant, and each variant's median divided by the first's. Usage:
  benchmarks/plugin-jvm-listen.py <kong|apisix> <jar> <rounds> <name,word[,word...]>...
"""
import os, signal, statistics, subprocess, sys, tempfile, time

CLK = os.sysconf('SC_CLK_TCK')


def cpu_ms(pid):
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 // CLK


def start(kind, words, jar, sock):
    env = dict(os.environ)
    cmd = words + ['-Xmx256m', '-jar', jar]
    if kind == 'kong':
        cmd += ['--socket', sock]
    else:
        env['APISIX_LISTEN_ADDRESS'] = 'unix:' + sock
    began = time.monotonic()
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not os.path.exists(sock):
        if process.poll() is not None:
            sys.exit(f'{cmd} exited with {process.returncode} before it listened')
        if time.monotonic() - began > 120:
            sys.exit(f'{cmd} did not listen within 120 s')
        time.sleep(0.002)
    listened = (time.monotonic() - began) * 1000
    cpu = cpu_ms(process.pid)
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return listened, cpu


def main():
    kind, jar, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    variants = [v.split(',') for v in sys.argv[4:]]
    results = {v[0]: [] for v in variants}
    with tempfile.TemporaryDirectory(prefix='jvm-listen-') as work:
        sock = os.path.join(work, 's.sock')
        for r in range(rounds):
            for v in (variants if r % 2 == 0 else variants[::-1]):
                if os.path.exists(sock):
                    os.remove(sock)
                results[v[0]].append(start(kind, v[1:], jar, sock))
    first = None
    print(f'{kind}: {jar}, {rounds} starts per variant, load {open("/proc/loadavg").read().split()[:3]}')
    print(f'{"variant":24s} {"listening ms, median (min-max)":>32s} {"CPU ms, median (min-max)":>28s} {"x first":>8s}')
    for name, runs in results.items():
        listened = [x[0] for x in runs]
        cpu = [x[1] for x in runs]
        median = statistics.median(listened)
        first = first or median
        print(f'{name:24s} {median:12.0f} ({min(listened):5.0f}-{max(listened):5.0f}) {statistics.median(cpu):14.0f} '
              f'({min(cpu):5.0f}-{max(cpu):5.0f}) {median / first:8.2f}')


if __name__ == '__main__':
    main()
