"""The roles of the access matrix and the usual expectations (shared with the apps' matrix rows)."""

ROLES = [None, "volunteer", "coordinator", "outsider_coordinator", "secretariat"]

# Expected status for GET, per role: visitor, volunteer (group A), coordinator (group A),
# coordinator of group B (the outsider), secretariat. 302 for a visitor means "log in first".
V, VOL, COORD, OUT, SEC = ROLES
PUBLIC = {V: 200, VOL: 200, COORD: 200, OUT: 200, SEC: 200}
LOGGED_IN = {V: 302, VOL: 200, COORD: 200, OUT: 200, SEC: 200}
GROUP_A_MANAGERS = {V: 302, VOL: 403, COORD: 200, OUT: 403, SEC: 200}
SECRETARIAT_ONLY = {V: 302, VOL: 403, COORD: 403, OUT: 403, SEC: 200}
