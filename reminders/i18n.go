package reminders

import "github.com/goalbot/goalbot/bot/i18n"

// tr is a digest sentence (bot/i18n, "digest." keys) in lang with {name}
// placeholders filled from name, value pairs.
func tr(lang, key string, args ...any) string { return i18n.T(lang, "digest."+key, args...) }
