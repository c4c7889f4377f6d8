"""Running scenarios is public: presets and URL-shared scenarios hold no personal or confidential
data. No permission is defined here yet; views declare ``public``."""
