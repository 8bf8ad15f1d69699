"""A Python interpreter for the modules the tests run, with Ansible's and boto3's imports already done.

Test speed only (the integration tests and the Molecule scenarios). Each module task starts a Python
that imports ``ansible.module_utils.basic`` and boto3 before it does anything: about a third of the CPU
a release playbook uses. Here one server process does
those imports once; the interpreter Ansible is given (``ansible_python_interpreter``) is a small client
that hands its command line, environment, working directory and standard streams to the server, which
forks a copy of itself to run the module file exactly as ``python FILE`` would (or, with Ansible's
pipelining, the module read from standard input, as ``python`` alone would), and the client exits
with the module's status.

The module still runs from Ansible's own AnsiballZ file, with its own arguments and module_utils; only
the import of the libraries is shared. When the client dies (a test kills a run with SIGKILL), the server
kills the module it runs. ``BLUEGREEN_TEST_COLD_PYTHON=1`` turns this off (each module its own Python).

    python scripts/warm_python.py start --state-dir DIR   the server in the background; prints the client
    python scripts/warm_python.py stop --state-dir DIR
    python scripts/warm_python.py serve SOCKET            the server in the foreground
"""

import array
import json
import os
import runpy
import select
import signal
import socket
import struct
import sys

FDS = 3
HEADER = struct.Struct("!I")

CLIENT = """#!{python} -SE
import array, json, os, signal, socket, struct, sys
connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
connection.connect({socket!r})
request = json.dumps({{"argv": sys.argv, "env": dict(os.environ), "cwd": os.getcwd()}}).encode()
fds = array.array("i", [0, 1, 2])
connection.sendmsg([struct.pack("!I", len(request)), request], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
answer = b""
while len(answer) < 4:
    chunk = connection.recv(4 - len(answer))
    if not chunk:
        sys.exit(255)
    answer += chunk
status = struct.unpack("!i", answer)[0]
if status < 0:
    signal.signal(-status, signal.SIG_DFL)
    os.kill(os.getpid(), -status)
sys.exit(status)
"""


def write_client(path, socket_path):
    """The interpreter to give Ansible: an executable file at ``path`` that talks to the server."""
    with open(path, "w") as handle:
        handle.write(CLIENT.format(python=sys.executable, socket=socket_path))
    os.chmod(path, 0o755)
    return path


def preload():
    """What every module of the collection imports before its own code."""
    import ansible.module_utils._internal._ansiballz._loader  # noqa: F401
    import ansible.module_utils.basic  # noqa: F401
    import base64  # noqa: F401
    import boto3  # noqa: F401
    import botocore.client  # noqa: F401
    import botocore.session  # noqa: F401
    import tempfile  # noqa: F401
    import zipfile  # noqa: F401


# What the modules create clients for (amazon.aws, community.aws and this collection).
SERVICES = (
    "application-autoscaling",
    "autoscaling",
    "cloudwatch",
    "codedeploy",
    "ec2",
    "ecs",
    "elbv2",
    "iam",
    "logs",
    "route53",
    "sts",
)


def share_botocore_models():
    """One cache of botocore's service models for every module, filled before the fork.

    botocore caches what it loads per loader, and each module makes a new session and so a new loader:
    every module would parse the same large JSON models again (about a third of a module's CPU time).
    """
    import boto3
    from botocore import loaders

    shared = {}
    initialize = loaders.Loader.__init__

    def __init__(self, *args, **kwargs):
        initialize(self, *args, **kwargs)
        self._cache = shared

    loaders.Loader.__init__ = __init__
    session = boto3.session.Session(aws_access_key_id="warm", aws_secret_access_key="warm", region_name="us-east-1")
    for service in SERVICES:
        session.client(service)


def cache_compiled_sources(folder):
    """Keep the bytecode of the sources a module imports from its AnsiballZ archive in ``folder``.

    Python compiles every module_utils file it imports from the archive (no .pyc there), for every
    module run; the modules' own code and its module_utils change only with the checkout.
    """
    import hashlib
    import marshal
    import types
    import zipimport

    os.makedirs(folder, exist_ok=True)
    compile_source = zipimport._compile_source

    def with_filename(code, filename):
        constants = tuple(with_filename(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts)
        return code.replace(co_filename=filename, co_consts=constants)

    def _compile_source(pathname, source):
        path = os.path.join(folder, hashlib.sha1(source).hexdigest())
        try:
            with open(path, "rb") as handle:
                return with_filename(marshal.load(handle), pathname)
        except (OSError, EOFError, ValueError, TypeError):
            pass
        code = compile_source(pathname, source)
        partial = "%s.%d" % (path, os.getpid())
        with open(partial, "wb") as handle:
            marshal.dump(code, handle)
        os.replace(partial, path)
        return code

    zipimport._compile_source = _compile_source


def receive(connection):
    """(request, the client's three standard stream descriptors)."""
    size_bytes, fds = b"", array.array("i")
    while len(size_bytes) < HEADER.size:
        data, ancillary, _flags, _address = connection.recvmsg(HEADER.size - len(size_bytes), socket.CMSG_LEN(FDS * 4))
        if not data:
            raise EOFError("the client went away")
        size_bytes += data
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
    (size,) = HEADER.unpack(size_bytes)
    body = b""
    while len(body) < size:
        chunk = connection.recv(size - len(body))
        if not chunk:
            raise EOFError("the client went away")
        body += chunk
    return json.loads(body), list(fds)


def run_standard_input():
    """As `python` alone does with a script on its standard input (Ansible's pipelining)."""
    import types

    source = sys.stdin.buffer.read()
    sys.argv = [""]
    sys.path.insert(0, "")
    main = types.ModuleType("__main__")
    sys.modules["__main__"] = main
    exec(compile(source, "<stdin>", "exec"), main.__dict__)


def run_module(request, fds):
    """In the forked module process: become ``python FILE ARGS`` of the client, run, never return."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    status = 0
    try:
        if len(request["argv"]) > 1:
            sys.argv = request["argv"][1:]
            # As `python FILE` does: the file's folder first on the path (AnsiballZ takes it off again).
            sys.path.insert(0, os.path.dirname(os.path.realpath(sys.argv[0])))
            runpy.run_path(sys.argv[0], run_name="__main__")
        else:
            run_standard_input()
    except SystemExit as ended:
        code = ended.code
        status = code if isinstance(code, int) else (0 if code is None else 1)
        if not isinstance(code, int) and code is not None:
            print(code, file=sys.stderr)
    except BaseException:
        import traceback

        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def handle(connection):
    """In a forked handler: start the module, report its status, kill it if the client dies first."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    try:
        request, fds = receive(connection)
    except (EOFError, OSError, ValueError):
        os._exit(1)
    module = os.fork()
    if module == 0:
        connection.close()
        run_module(request, fds)
    for fd in fds:
        os.close(fd)
    waiter = os.pidfd_open(module)
    while True:
        ready = select.select([connection, waiter], [], [])[0]
        if waiter in ready:
            _pid, wait_status = os.waitpid(module, 0)
            if os.WIFSIGNALED(wait_status):
                status = -os.WTERMSIG(wait_status)
            else:
                status = os.WEXITSTATUS(wait_status)
            try:
                connection.sendall(struct.pack("!i", status))
            except OSError:
                pass
            os._exit(0)
        if not connection.recv(1, socket.MSG_PEEK):
            os.kill(module, signal.SIGKILL)


def _reap(*_):
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


def serve(socket_path):
    del sys.path[0]  # this file's folder: a module must not import the tests' helpers
    preload()
    share_botocore_models()
    cache_compiled_sources(os.path.join(os.path.dirname(socket_path), "code"))
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    listener.listen(64)
    # Each handler waits for its own module; the server reaps the handlers.
    signal.signal(signal.SIGCHLD, _reap)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    while True:
        try:
            connection, _address = listener.accept()
        except InterruptedError:
            continue
        if os.fork() == 0:
            listener.close()
            handle(connection)
        connection.close()


def start(state_dir):
    """Start the server in the background (pid in DIR/pid); return the client's path (DIR/python)."""
    import subprocess
    import time

    os.makedirs(state_dir, exist_ok=True)
    socket_path = os.path.join(state_dir, "socket")
    if os.path.exists(socket_path):
        os.unlink(socket_path)
    # Its standard streams are not the caller's: a caller reading this command's output waits for them.
    with open(os.path.join(state_dir, "log"), "ab") as log:
        server = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "serve", socket_path],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    with open(os.path.join(state_dir, "pid"), "w") as handle:
        handle.write(str(server.pid))
    deadline = time.monotonic() + 60
    while not os.path.exists(socket_path):
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the warm Python server did not start (log: %s)" % os.path.join(state_dir, "log"))
        time.sleep(0.05)
    return write_client(os.path.join(state_dir, "python"), socket_path)


def stop(state_dir):
    pid_file = os.path.join(state_dir, "pid")
    try:
        with open(pid_file) as handle:
            os.kill(int(handle.read()), signal.SIGTERM)
    except (OSError, ValueError):
        pass
    for name in ("pid", "socket", "python"):
        try:
            os.unlink(os.path.join(state_dir, name))
        except OSError:
            pass


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        serve(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] in ("start", "stop") and sys.argv[2] == "--state-dir":
        if sys.argv[1] == "start":
            print(start(sys.argv[3]))
        else:
            stop(sys.argv[3])
    else:
        sys.exit(__doc__)
