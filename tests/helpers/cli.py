"""Running `kpps` in-process, as the CLI tests do."""

from kpps_desktop import cli


def run(capsys, *argv):
    """`kpps ARGV...` -> (exit status, stdout, stderr)."""
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err
