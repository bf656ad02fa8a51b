/** Changing one's own password (`POST /api/me/password`); it ends one's other sessions. */
export interface PasswordChange {
  currentPassword: string
  /** At least 8 characters, different from the current one. */
  newPassword: string
}
