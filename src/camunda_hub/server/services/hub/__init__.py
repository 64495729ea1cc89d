"""Business rules of the Hub resources: workspaces → projects → folders → files, and members.

Every function takes the caller's ``Principal`` and scopes every query by its organization, so a
key of another organization behaves exactly like a key that does not exist."""
