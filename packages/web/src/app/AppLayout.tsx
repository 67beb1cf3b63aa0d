import { lazy, Suspense, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Button, Dropdown, Layout, Menu, Space, Typography, theme, type MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { roleLabels } from '@landfall/domain';
import { useCan, useLogout, useMe } from '../features/auth/useMe.ts';
import { useI18n } from '../i18n/useT.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { adminItems, dashboardItem, homeItem, libraryItems, loopItems, type NavItem } from './navigation.tsx';

// The first-login steps (a password someone else set, an administrator's authenticator) load only when due.
const ForcedPasswordChangePage = lazy(() =>
  import('../features/auth/ForcedPasswordChangePage.tsx').then((module) => ({
    default: module.ForcedPasswordChangePage,
  })),
);
const TotpEnrolmentPage = lazy(() =>
  import('../features/auth/TotpEnrolmentPage.tsx').then((module) => ({ default: module.TotpEnrolmentPage })),
);

// Fetched when opened: it brings the password schemas (zod) that the first load does without.
const ChangePasswordModal = lazy(() =>
  import('../features/auth/ChangePasswordModal.tsx').then((module) => ({
    default: module.ChangePasswordModal,
  })),
);

function selectedKey(pathname: string): string {
  const match = [dashboardItem, ...libraryItems, ...loopItems, ...adminItems].find(
    (item) => pathname === item.path || pathname.startsWith(`${item.path}/`),
  );
  return match?.path ?? homeItem.path;
}

/** The signed-in frame: side menu (filtered by the user's actions), header, page. */
export function AppLayout() {
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  const location = useLocation();
  const can = useCan();
  const { data: me } = useMe();
  const logout = useLogout();
  const [passwordOpen, setPasswordOpen] = useState(false);

  const toMenuItem = (item: NavItem) => ({
    key: item.path,
    icon: item.icon,
    label: <Link to={item.path}>{t(item.label)}</Link>,
  });
  const visibleAdmin = adminItems.filter((item) => !item.action || can(item.action));
  const visibleLibrary = libraryItems.filter((item) => !item.action || can(item.action));
  const visibleLoop = loopItems.filter((item) => !item.action || can(item.action));
  // Those with the dashboard land on it (/ redirects there): it replaces 工作台 in the menu.
  const menuItems: MenuProps['items'] = [
    toMenuItem(can('dashboard.read') ? dashboardItem : homeItem),
    ...visibleLibrary.map(toMenuItem),
    ...(visibleLoop.length > 0
      ? [{ type: 'group' as const, key: 'loop', label: t('nav.loop'), children: visibleLoop.map(toMenuItem) }]
      : []),
    ...(visibleAdmin.length > 0
      ? [
          {
            type: 'group' as const,
            key: 'admin',
            label: t('nav.admin'),
            children: visibleAdmin.map(toMenuItem),
          },
        ]
      : []),
  ];

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setPasswordOpen(true);
      if (key === 'logout') {
        logout.mutate();
      }
    },
  };

  if (!me) return null;
  if (me.mustChangePassword || me.totpEnrolmentRequired)
    return (
      <Suspense fallback={null}>
        {me.mustChangePassword ? <ForcedPasswordChangePage /> : <TotpEnrolmentPage />}
      </Suspense>
    );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={216}>
        <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>
          {t('app.name')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          aria-label={t('nav.menu')}
          selectedKeys={[selectedKey(location.pathname)]}
          items={menuItems}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Text strong data-testid="tenant-name" ellipsis>
            {me.tenantName}
          </Typography.Text>
          <Space size="middle">
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" data-testid="user-menu">
                <Space size={4}>
                  <span>{me.displayName}</span>
                  <Typography.Text type="secondary">{roleLabels[me.role][locale]}</Typography.Text>
                  <DownOutlined />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      {passwordOpen ? (
        <Suspense fallback={null}>
          <ChangePasswordModal open onClose={() => setPasswordOpen(false)} />
        </Suspense>
      ) : null}
    </Layout>
  );
}
