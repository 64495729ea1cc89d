"""Business rules shared by the REST API, the admin CLI and the web console."""
