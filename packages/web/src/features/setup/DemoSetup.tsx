import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Form, Modal, Spin, Typography } from 'antd';
import { ExperimentOutlined, LoadingOutlined } from '@ant-design/icons';
import type { PasswordPolicy } from '@landfall/domain';
import { PasswordFields } from '../../components/PasswordFields.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useMarkSetupDone, type useLoadDemo } from './useSetup.ts';

interface DemoValues {
  password: string;
}

/** The usernames shown after loading: the administrator first, then what the server created. */
export function demoAccounts(users: string[]): string[] {
  return users.includes('admin') ? users : ['admin', ...users];
}

/** 载入演示数据: one password for every demo account; a few seconds of work, then the login page. */
export function DemoSetup({
  demo,
  policy,
  disabled,
}: {
  /** Owned by the setup page, which must not redirect on its own once the demo is loaded. */
  demo: ReturnType<typeof useLoadDemo>;
  policy: PasswordPolicy | undefined;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const reportError = useReportError();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<DemoValues>();
  const markSetupDone = useMarkSetupDone();

  async function submit() {
    let values: DemoValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    demo.mutate(values.password, {
      onSuccess: (report) => {
        markSetupDone();
        void navigate('/login', { replace: true, state: { demoUsers: demoAccounts(report.users) } });
      },
      onError: (error) => reportError(error, form),
    });
  }

  return (
    <>
      <Button
        block
        icon={<ExperimentOutlined />}
        disabled={disabled}
        onClick={() => setOpen(true)}
        data-testid="setup-demo"
      >
        {t('setup.demo')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('setup.demoHelp')}
      </Typography.Paragraph>
      <Modal
        open={open}
        title={t('setup.demoTitle')}
        okText={t('setup.demoSubmit')}
        cancelText={t('common.cancel')}
        confirmLoading={demo.isPending}
        cancelButtonProps={{ disabled: demo.isPending }}
        closable={!demo.isPending}
        mask={{ closable: false }}
        keyboard={!demo.isPending}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {demo.isPending ? (
          <Alert
            type="warning"
            showIcon
            icon={<LoadingOutlined />}
            title={t('setup.demoRunning')}
            style={{ marginBottom: 16 }}
            data-testid="demo-running"
          />
        ) : (
          <Alert type="info" showIcon title={t('setup.demoIntro')} style={{ marginBottom: 16 }} />
        )}
        <Spin spinning={demo.isPending}>
          <Form<DemoValues>
            form={form}
            name="demo"
            layout="vertical"
            preserve={false}
            onFinish={() => void submit()}
          >
            <PasswordFields
              name="password"
              label={t('setup.demoPassword')}
              confirmLabel={t('setup.demoConfirmPassword')}
              policy={policy}
            />
            <button type="submit" hidden aria-hidden tabIndex={-1} />
          </Form>
        </Spin>
      </Modal>
    </>
  );
}
