from notelint.cli import run

run()
