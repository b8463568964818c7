import os


def progress_label():
    run = os.environ.get("ASTRID_TASK_RUN_ID", "local")
    step = os.environ.get("ASTRID_TASK_STEP_ID", "?")
    return f"{run}/{step} in {os.environ.get('HOME', '~')}"
