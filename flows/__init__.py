"""newsflow's Prefect flow, command line, serving and deployment."""
