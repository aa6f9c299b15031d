"""Start localstripe with its state in a folder of ours (else it shares /tmp/localstripe.pickle).

Use: python tests/localstripe_launcher.py --state DIR --port PORT
"""

import pickle
import sys
from pathlib import Path


def main() -> None:
    args = sys.argv[1:]
    state = Path(args[args.index("--state") + 1])
    del args[args.index("--state") : args.index("--state") + 2]
    state.mkdir(parents=True, exist_ok=True)
    pickle_file = state / "localstripe.pickle"

    from localstripe import resources, server

    def try_load_from_disk(self) -> None:
        if pickle_file.exists():
            self.clear()
            self.update(pickle.loads(pickle_file.read_bytes()))  # noqa: S301  (our own file)

    def dump_to_disk(self) -> None:
        pickle_file.write_bytes(pickle.dumps(dict(self), protocol=pickle.HIGHEST_PROTOCOL))

    resources.Store.try_load_from_disk = try_load_from_disk
    resources.Store.dump_to_disk = dump_to_disk
    sys.argv = [sys.argv[0], *args]
    server.start()


if __name__ == "__main__":
    main()
