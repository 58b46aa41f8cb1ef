"""The members' site at the project layer: profile, personal calendar links and the
calendar feeds (which gather meetings and the deadlines of several apps)."""
