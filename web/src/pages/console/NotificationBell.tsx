import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useUnread } from '../../lib/unread.ts';

/** Header bell: unread messages as a badge, open todos in the tooltip; opens 消息中心. */
export function NotificationBell() {
  const { counts } = useUnread();
  const navigate = useNavigate();
  const unread = counts?.unread ?? 0;
  const title = counts ? `未读消息 ${counts.unread} 条，待办 ${counts.todos} 件` : '消息中心';
  return (
    <Tooltip title={title}>
      <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button
          type="text"
          aria-label={unread ? `消息中心，${unread} 条未读` : '消息中心'}
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          onClick={() => navigate('/console/messages')}
        />
      </Badge>
    </Tooltip>
  );
}
