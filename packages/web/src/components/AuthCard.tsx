import type { ReactNode } from 'react';
import { Card, Flex, Typography, theme } from 'antd';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { useI18n } from '../i18n/useT.ts';

/** The centred card of the login and setup pages, with the product name above it. */
export function AuthCard({
  title,
  width = 400,
  children,
}: {
  title: string;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <Flex
      vertical
      align="center"
      style={{ minHeight: '100vh', padding: '48px 16px', background: token.colorBgLayout }}
    >
      <Flex style={{ width: '100%', maxWidth: width }} justify="space-between" align="center">
        <Typography.Text strong style={{ fontSize: 18 }}>
          {t('app.name')}
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
            {t('app.subtitle')}
          </Typography.Text>
        </Typography.Text>
        <LanguageSwitch />
      </Flex>
      <Card style={{ width: '100%', maxWidth: width, marginTop: 16 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </Flex>
  );
}
