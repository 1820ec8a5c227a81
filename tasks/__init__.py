"""newsflow's work, one folder per stage; only `prefect_tasks.py` imports Prefect."""
