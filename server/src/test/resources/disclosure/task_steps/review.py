"""A two-step review: copy the input, then record a verdict."""
from astrid.orchestrate import attested, code, orchestrator

COPY = (
    "import os, shutil; "
    "shutil.copy(os.environ['ASTRID_TASK_INPUT_TEXT'], "
    "os.path.join(os.environ['ASTRID_TASK_PRODUCES_DIR'], 'input.txt'))"
)


@orchestrator("task_steps.review")
def review():
    copy = code("copy", argv=["python3", "-c", COPY])
    verdict = attested("verdict", instructions="Read $ASTRID_TASK_PRODUCES_DIR/input.txt and answer yes or no.",
                       command="echo recorded")
    return [copy, verdict]
