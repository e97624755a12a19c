/**
 * One operator request per listing verb. A zk:// master means a ZooKeeper session that would keep
 * the process alive, so the client is always closed, whether the request worked or not.
 */
import { OperatorClient } from '../sdk/index.ts';

export async function withOperator<T>(master: string, use: (client: OperatorClient) => Promise<T>): Promise<T> {
  const client = new OperatorClient({ master });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}
