"""The secretariat: the volunteer funnel, exports, leads waiting too long."""
