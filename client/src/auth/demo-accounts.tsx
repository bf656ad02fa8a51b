import { useTranslation } from 'react-i18next'
import type { FirstRunInfo } from '@tandem/shared'

interface DemoAccountsProps {
  info: FirstRunInfo
  /** Fills the sign-in form with an account. */
  onPick: (email: string, password: string) => void
}

/**
 * Demo mode on the sign-in page: one account per role with the shared password, and where the
 * first admin's generated password went.
 */
export function DemoAccounts({ info, onPick }: DemoAccountsProps) {
  const { t } = useTranslation()
  const { password, accounts } = info.demo
  return (
    <section className="card demo-accounts" data-testid="demo-accounts">
      <h2>{t('signIn.demo.title')}</h2>
      <p className="muted">{t('signIn.demo.intro', { password })}</p>
      <ul>
        {accounts.map((account) => (
          <li key={account.email} data-testid="demo-account" data-email={account.email}>
            <button
              type="button"
              className="link-button"
              onClick={() => onPick(account.email, password)}
            >
              {account.email}
            </button>
            <span>
              {account.name} · {t(`role.${account.role}`)}
            </span>
          </li>
        ))}
      </ul>
      {info.generatedAdmin && (
        <p className="muted" data-testid="generated-admin">
          {t('signIn.demo.generatedAdmin', { email: info.generatedAdmin.email })}{' '}
          <span data-testid="reset-admin">
            {t('signIn.demo.resetAdmin', { email: info.generatedAdmin.email })}
          </span>
        </p>
      )}
    </section>
  )
}
